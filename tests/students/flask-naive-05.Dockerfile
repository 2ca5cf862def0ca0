FROM python:3.9
MAINTAINER student@innopolis.university
WORKDIR /usr/src/app
COPY . .
RUN pip install --upgrade pip
RUN pip install -r requirements.txt
EXPOSE 8080
CMD [ "python", "./app.py" ]
