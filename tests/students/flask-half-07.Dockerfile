FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
WORKDIR /code
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
RUN useradd -m -s /bin/bash student
USER student
EXPOSE 5000
CMD ["python", "-m", "flask", "run"]
