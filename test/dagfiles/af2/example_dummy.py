# DummyOperator still imports in 2.10 (a deprecated alias of EmptyOperator).
from datetime import datetime

from airflow import DAG
from airflow.operators.dummy import DummyOperator

with DAG(dag_id="example_dummy", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    a = DummyOperator(task_id="a")
    b = DummyOperator(task_id="b", trigger_rule="none_failed_or_skipped")
    a >> b
