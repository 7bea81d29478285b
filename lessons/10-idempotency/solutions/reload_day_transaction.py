import pendulum
from airflow.sdk import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator

# Replaces one day's rows with corrected figures from the source.
# Trigger it with the day as the logical date:
#   airflow dags trigger reload_day --logical-date 2024-06-02T00:00:00+00:00
with DAG(
    dag_id="reload_day",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    is_paused_upon_creation=False,
):
    # One task, one transaction: if the INSERT fails, the DELETE is rolled back too.
    # The source sent no amount for busan this time (NULL).
    reload = SQLExecuteQueryOperator(
        task_id="reload",
        conn_id="sqlite_default",
        sql=[
            "DELETE FROM sales WHERE day = '{{ ds }}'",
            "INSERT INTO sales (day, store, amount) VALUES ('{{ ds }}', 'seoul', 130), ('{{ ds }}', 'busan', NULL)",
        ],
    )
