FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN mkdir logs
RUN chmod 777 logs
RUN useradd appuser
USER appuser
EXPOSE 5000
CMD ["sh", "-c", "python app.py > logs/app.log 2>&1"]
