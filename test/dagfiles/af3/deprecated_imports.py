# Airflow 2 import paths still work in Airflow 3 through deprecation shims (with warnings).
from datetime import datetime

from airflow import DAG
from airflow.decorators import task
from airflow.operators.bash import BashOperator
from airflow.utils.task_group import TaskGroup

with DAG("deprecated_imports", start_date=datetime(2025, 1, 1), schedule="@daily") as dag:
    with TaskGroup("g") as g:
        a = BashOperator(task_id="a", bash_command="echo a")

    @task
    def b():
        return "b"

    g >> b()
