# TaskFlow in Airflow 3: @task_group, .override(), repeated calls (extract__1), nested data passing.
import pendulum

from airflow.sdk import chain, dag, task, task_group


@dag(schedule="0 0 * * *", start_date=pendulum.datetime(2025, 1, 1, tz="Asia/Seoul"), catchup=True, max_active_runs=3)
def sdk_taskflow_groups():
    @task(retries=2, retry_delay=60, pool="api")
    def extract(source: str):
        # sim: duration=1m30s log="fetched rows" log='second line'
        return 100

    @task
    def merge(a, b):
        return a + b

    @task_group(group_id="clean", default_args={"retries": 5})
    def clean_group(value):
        @task
        def dedupe(v):
            return v

        @task
        def validate(v):
            return v

        return validate(dedupe(value))

    first = extract("api")
    second = extract.override(task_id="extract_db", retries=0)("db")
    third = extract("files")
    cleaned = clean_group(merge(first, second))
    cleaned_again = clean_group(third)
    chain(cleaned, cleaned_again)


sdk_taskflow_groups()
