FROM python:3.10
WORKDIR /app
COPY . .
RUN apt-get update
RUN apt-get install -y libpq-dev
RUN pip install -r requirements.txt
ENV FLASK_DEBUG=1
EXPOSE 5000
CMD ["flask", "run", "--host=0.0.0.0", "--port=5000"]
