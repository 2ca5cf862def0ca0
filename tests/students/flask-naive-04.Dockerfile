FROM python
ADD . /code
RUN cd /code
RUN pip install -r /code/requirements.txt
CMD ["python", "/code/app.py"]
