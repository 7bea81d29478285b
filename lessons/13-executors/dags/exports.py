# Six exports that don't depend on each other: each takes 10 minutes.
# How many run at once depends on the executor, not on the DAG.
import pendulum

try:  # the same file works on Airflow 3 and on Airflow 2
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="exports",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    for region in ["europe", "americas", "asia", "africa", "oceania", "antarctica"]:
        BashOperator(task_id=f"export_{region}", bash_command=f"echo exporting {region}; sleep 600")
