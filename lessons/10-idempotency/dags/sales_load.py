import pendulum
from datetime import timedelta
from airflow.sdk import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator

with DAG(
    dag_id="sales_load",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=False,
):
    # The first try of each load dies right after its INSERT has committed
    # (the connection drops before the worker hears back), so Airflow retries it.
    # sim: fail=1
    load = SQLExecuteQueryOperator(
        task_id="load",
        conn_id="sqlite_default",
        sql="INSERT INTO sales (day, store, amount) VALUES ('{{ ds }}', 'seoul', 120), ('{{ ds }}', 'busan', 80)",
        retries=1,
        retry_delay=timedelta(minutes=1),
    )
