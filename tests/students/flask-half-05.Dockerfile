FROM python:3.11
WORKDIR /srv
COPY . .
WORKDIR app
RUN pip install -r requirements.txt
RUN cd /srv/app && python -m compileall .
EXPOSE 5000
CMD ["python", "app.py"]
