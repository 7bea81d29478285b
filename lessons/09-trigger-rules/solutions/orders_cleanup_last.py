# An order pipeline: extract, then transform and audit side by side, then load and report.
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="orders",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    extract = BashOperator(task_id="extract", bash_command="echo fetching orders; sleep 30")
    transform = BashOperator(task_id="transform", bash_command="echo 'KeyError: amount'; sleep 60; exit 1")
    audit = BashOperator(task_id="audit", bash_command="echo checking totals; sleep 600")
    load = BashOperator(task_id="load", bash_command="echo loading orders")
    report = BashOperator(task_id="report", bash_command="echo daily report")
    cleanup = BashOperator(task_id="cleanup", bash_command="echo removing temp files", trigger_rule="all_done")

    # cleanup is now the last task: the only leaf of the DAG
    extract >> [transform, audit] >> load >> report >> cleanup
