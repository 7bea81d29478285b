# A flaky API: the first two tries of `fetch` fail, the third succeeds.
# retries=3 with retry_exponential_backoff doubles the wait after each failure:
# 1 to 2 minutes after the first, 2 to 4 after the second (Airflow adds a jitter
# computed from the task's key), never more than max_retry_delay.
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG(
    dag_id="flaky_api",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
    default_args={
        "retries": 3,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    },
    tags=["example"],
):
    fetch = BashOperator(
        task_id="fetch",
        bash_command=(
            "if [ {{ ti.try_number }} -le 2 ]; then "
            "echo 'try {{ ti.try_number }}: the API answered 503'; exit 1; "
            "fi; echo 'try {{ ti.try_number }}: fetched 120 rows'"
        ),
    )
    store = BashOperator(task_id="store", bash_command="echo storing rows for {{ ds }}")
    fetch >> store
