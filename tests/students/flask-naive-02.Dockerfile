FROM python:latest

WORKDIR /app

COPY . .

RUN pip install flask

ENV FLASK_APP=app.py
ENV FLASK_ENV=development

EXPOSE 5000

CMD ["flask", "run", "--host=0.0.0.0"]
