FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN apt-get update && apt-get install -y gcc libpq-dev
RUN pip install -r requirements.txt
RUN apt-get remove -y gcc
RUN useradd -u 1001 flask
USER flask
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
