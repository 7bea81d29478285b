# An incremental load: each run loads only the sales of its own data interval,
# not the whole table again.
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="sales",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
):
    extract = BashOperator(
        task_id="extract",
        # the last line of output is pushed to XCom: it shows the window this run loads
        bash_command="echo loading sales from {{ data_interval_start }} to {{ data_interval_end }}",
    )
    load = BashOperator(task_id="load", bash_command="echo merging into the sales table")
    extract >> load
