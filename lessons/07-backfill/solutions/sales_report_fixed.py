import pendulum

try:  # the same file works on Airflow 3 and on Airflow 2
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="sales_report",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=False,
):
    extract = BashOperator(task_id="extract", bash_command="echo reading orders of {{ ds }}; sleep 20")
    # Fixed: prices are stored in cents.
    transform = BashOperator(task_id="transform", bash_command='echo "revenue of {{ ds }} = sum(cents) / 100"')
    load = BashOperator(task_id="load", bash_command="echo writing report for {{ ds }}")
    extract >> transform >> load
