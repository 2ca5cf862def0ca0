FROM python:3.12-slim

ARG APP_HOME=/app
WORKDIR $APP_HOME

COPY . .
ARG PIP_INDEX=https://pypi.org/simple
RUN pip install -i $PIP_INDEX -r requirements.txt

RUN useradd appuser
USER appuser
EXPOSE 5000
ENTRYPOINT python app.py
