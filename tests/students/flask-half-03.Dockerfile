FROM python:3.10-slim-bullseye
RUN apt-get update && apt-get install -y curl
WORKDIR /app
COPY requirements.txt requirements.txt
RUN pip3 install -r requirements.txt
COPY app.py app.py
COPY templates templates
RUN groupadd -r app && useradd -r -g app app
USER app
HEALTHCHECK CMD curl --fail http://localhost:5000/ || exit 1
CMD ["python3", "-m", "flask", "run", "--host=0.0.0.0"]
