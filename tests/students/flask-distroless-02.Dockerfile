FROM python:3.9-slim as builder
COPY . /app
WORKDIR /app
RUN pip install -r requirements.txt
RUN cp -r /usr/local/lib/python3.9/site-packages /site-packages

FROM gcr.io/distroless/python3
COPY --from=builder /app /app
COPY --from=builder /site-packages /site-packages
ENV PYTHONPATH=/site-packages
WORKDIR /app
CMD ["app.py"]
