# Each day's load builds on the previous day's result, so it must not run ahead:
# depends_on_past=True makes a run's `load` wait for the previous run's `load`.
# The first try of the 2024-06-01 load fails (a bug, fixed before the retry).
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="orders_sync",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
):
    extract = BashOperator(task_id="extract", bash_command="echo extracting orders for {{ ds }}; sleep 60")
    load = BashOperator(
        task_id="load",
        depends_on_past=True,
        bash_command=(
            "if [ {{ ds }} = 2024-06-01 ] && [ {{ ti.try_number }} -eq 1 ]; then "
            "echo 'duplicate key in orders_daily'; exit 1; fi; "
            "echo 'updated running totals with {{ ds }}'; sleep 60"
        ),
    )
    extract >> load
