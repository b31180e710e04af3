FROM python
RUN pip install flask
CMD ["python"]
