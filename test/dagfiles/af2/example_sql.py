# SQL operators: SQLExecuteQueryOperator (common.sql) and the deprecated SqliteOperator.
from datetime import datetime

from airflow import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from airflow.providers.sqlite.operators.sqlite import SqliteOperator

with DAG("example_sql", start_date=datetime(2024, 1, 1), schedule="@daily", catchup=False) as dag:
    create = SQLExecuteQueryOperator(
        task_id="create_table",
        conn_id="sqlite_default",
        sql="CREATE TABLE IF NOT EXISTS events (ds TEXT, n INT);",
    )
    insert = SqliteOperator(task_id="insert", sql=["INSERT INTO events VALUES ('{{ ds }}', 1)", "SELECT 1"])
    create >> insert
