# A daily load that starts a month in the past with catchup=True:
# the scheduler has about 30 runs to catch up on.
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="backlog",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 5, 4, tz="UTC"),
    catchup=True,
    max_active_runs=3,
    max_active_tasks=2,
):
    extracts = [
        BashOperator(task_id=f"extract_{table}", bash_command=f"echo extracting {table} for {{{{ ds }}}}; sleep 300")
        for table in ["orders", "users", "items"]
    ]
    load = BashOperator(task_id="load", bash_command="echo loading {{ ds }}; sleep 300")
    extracts >> load
