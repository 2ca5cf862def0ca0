FROM python:3.8
RUN mkdir /app
COPY . /app/
WORKDIR /app
RUN pip install flask==2.0.1 gunicorn
EXPOSE 80
CMD ["python", "app.py"]
