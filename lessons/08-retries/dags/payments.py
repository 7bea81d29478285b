from datetime import timedelta

import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator


def notify_team(context):
    # Airflow calls this once, when a task instance ends in the failed state.
    ti = context["ti"]
    print(f"ALERT: {ti.dag_id}.{ti.task_id} failed on try {ti.try_number}")


with DAG(
    dag_id="payments",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=False,
    # How many calls in a row the payments API answers with an error.
    params={"api_failures": 2},
    default_args={
        "retries": 3,
        "retry_delay": timedelta(minutes=5),
        "on_failure_callback": notify_team,
    },
):
    fetch = BashOperator(
        task_id="fetch",
        bash_command=(
            "echo 'calling the payments API (try {{ ti.try_number }})'; sleep 60; "
            "if [ {{ ti.try_number }} -le {{ params.api_failures }} ]; then "
            "echo 'HTTP 503 Service Unavailable'; exit 1; fi; "
            "echo 'fetched 250 payments for {{ ds }}'"
        ),
    )
    transform = BashOperator(task_id="transform", bash_command="echo converting payments of {{ ds }}; sleep 30")
    load = BashOperator(task_id="load", bash_command="echo loading payments of {{ ds }}")
    fetch >> transform >> load
