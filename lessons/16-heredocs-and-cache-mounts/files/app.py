import configparser

from greeting import greet

config = configparser.ConfigParser()
config.read("/app/config.ini")
print(greet(config.get("greeting", "who", fallback="nobody")))
