from flask import Flask
import time
import datetime

app = Flask(__name__)

TIMEOUT = 10


@app.route("/")
def root():
    return "Hola mundo desde Gunicorn!\n"


@app.route("/timeout/")
def timeout():
    time.sleep(TIMEOUT)
    msg = "Hola mundo desde unicorn timeout! > "
    msg += datetime.datetime.fromtimestamp(time.time()).strftime("%Y-%m-%d %H:%M:%S")
    return msg + "\n"


if __name__ == "__main__":
    app.run()

# gunicorn -w 1 app:app
