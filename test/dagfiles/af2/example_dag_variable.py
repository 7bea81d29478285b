# The pre-2.0 style: dag = DAG(...), tasks with dag=dag, set_upstream/set_downstream, schedule_interval.
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator

args = {
    "owner": "data-team",
    "start_date": datetime(2023, 6, 1),
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "pool": "etl_pool",
    "queue": "etl",
}

dag = DAG(
    dag_id="example_dag_variable",
    default_args=args,
    schedule_interval="0 2 * * *",
    dagrun_timeout=timedelta(hours=2),
    is_paused_upon_creation=False,
    max_active_runs=2,
    description="classic style",
)


def push():
    return "done"


first = BashOperator(task_id="first", bash_command="echo first", dag=dag, pool_slots=2)
second = PythonOperator(task_id="second", python_callable=push, dag=dag, depends_on_past=True, op_kwargs={"when": "{{ ds }}"})
third = BashOperator(task_id="third", bash_command="echo {{ ti.xcom_pull(task_ids='second') }}", dag=dag, wait_for_downstream=True)

second.set_upstream(first)
second.set_downstream(third)
