import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.operators.bash import BashOperator

# No catchup= here: the DAG takes [scheduler] catchup_by_default.
with DAG(
    dag_id="orders",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    extract = BashOperator(task_id="extract", bash_command="echo extracting orders of {{ ds }}; sleep 30")
    load = BashOperator(task_id="load", bash_command="echo loaded orders of {{ ds }}")
    extract >> load
