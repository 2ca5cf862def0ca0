FROM python:3.11
WORKDIR /app
COPY app.py .
COPY requirements.txt .
RUN pip install -r requirements.txt
ENV FLASK_ENV=production
ENV FLASK_APP=app
CMD flask run
