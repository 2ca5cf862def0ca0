FROM ubuntu:22.04
RUN apt-get update
RUN apt-get install -y python3 python3-pip
COPY . /app
RUN cd /app && pip3 install -r requirements.txt
WORKDIR /app
EXPOSE 5000
CMD python3 app.py
