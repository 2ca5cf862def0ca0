FROM python:3.11-slim AS build
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt --target /app/deps
COPY . .

FROM gcr.io/distroless/python3-debian11:nonroot
WORKDIR /app
COPY --from=build /app /app
ENV PYTHONPATH=/app/deps
EXPOSE 5000
CMD ["app.py"]
