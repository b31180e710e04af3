from python:3.13-slim
workdir /app
copy requirements.txt .
run pip install --no-cache-dir -r requirements.txt
copy . .
user nobody
cmd ["python", "app.py"]
