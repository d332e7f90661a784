"""What the benchmarks' simulated customers write, conversation after conversation: a need, a
budget, a place, a time, a name and both contacts, in Russian and English, and a price question."""

SCRIPT = [
    "Здравствуйте! Ищу двухкомнатную квартиру",
    "Бюджет до 9 млн рублей",
    "Лучше в Казани, район Вахитовский",
    "Хотим переехать до конца лета",
    "Меня зовут Анна",
    "Мой телефон +7 912 345-67-89",
    "Hi, I'm looking for a studio",
    "Budget is about $450k",
    "My email is kate@example.com",
    "Сколько стоит студия?",
]
PHONE_MESSAGE, PHONE = SCRIPT[5], "+79123456789"
EMAIL_MESSAGE, EMAIL = SCRIPT[8], "kate@example.com"
