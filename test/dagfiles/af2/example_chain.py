# chain() and cross_downstream(), after the docstrings of airflow/models/baseoperator.py (Airflow 2.10).
from datetime import datetime

from airflow import DAG
from airflow.models.baseoperator import chain, cross_downstream
from airflow.operators.empty import EmptyOperator

with DAG("example_chain", start_date=datetime(2024, 1, 1), schedule="0 6 * * 1-5", catchup=False) as dag:
    t1, t2, t3, t4, t5, t6 = [EmptyOperator(task_id=f"t{i}") for i in range(1, 7)]
    chain(t1, [t2, t3], [t4, t5], t6)

    x = [EmptyOperator(task_id=f"x{i}") for i in range(1, 4)]
    y = [EmptyOperator(task_id=f"y{i}") for i in range(1, 4)]
    cross_downstream(from_tasks=x, to_tasks=y)
    t6 >> x
