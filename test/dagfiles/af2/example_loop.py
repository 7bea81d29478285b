# Tasks made in loops, helper functions and comprehensions (a common tutorial pattern).
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator

TABLES = {"users": 10, "orders": 30, "items": 5}


def make_load(table, minutes):
    return BashOperator(
        task_id=f"load_{table}",
        bash_command=f"echo loading {table}; sleep {minutes * 60}",
        execution_timeout=timedelta(minutes=minutes * 2),
        priority_weight=minutes,
    )


with DAG(
    dag_id="example_loop",
    start_date=datetime(2024, 1, 1),
    schedule="@hourly",
    max_active_runs=1,
    max_active_tasks=4,
    default_args={"retries": 1, "retry_exponential_backoff": True, "max_retry_delay": timedelta(hours=1)},
) as dag:
    start = EmptyOperator(task_id="start")
    done = EmptyOperator(task_id="done", trigger_rule="all_done")
    loads = [make_load(name, m) for name, m in sorted(TABLES.items()) if m > 5]
    for i, load in enumerate(loads):
        start >> load
        check = BashOperator(task_id=f"check_{i}", bash_command="exit 0" if i % 2 == 0 else "exit 99")
        load >> check >> done
    skipped = BashOperator(task_id="skip_items", bash_command="echo items", skip_on_exit_code=[99, 100])
    start >> skipped >> done
