# Ten independent exports, five minutes each. Nothing in the DAG limits them:
# the cluster's limits decide how many run at once.
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="fan_out",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    for n in range(1, 11):
        BashOperator(task_id=f"export_{n}", bash_command=f"echo exporting part {n}; sleep 300")
