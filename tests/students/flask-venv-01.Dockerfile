FROM python:3.11-slim
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN useradd -m appuser
RUN chown -R appuser /app
USER appuser
EXPOSE 5000
CMD ["python", "app.py"]
