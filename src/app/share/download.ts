// Save a file from the page (a workspace, a DAG file, a lesson .zip) and read one the learner picks.
// Browser only; nothing leaves the machine.

/** Offer `data` as a download named `name`. */
export function download(name: string, data: string | Uint8Array, type = 'application/octet-stream'): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data); // a copy on a plain ArrayBuffer
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // the download has started from the URL; revoking at once can cancel it in some browsers
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A DAG file exactly as edited: Python text, ready to drop into an Airflow dags folder. */
export function downloadDagFile(name: string, source: string): void {
  download(name.split('/').pop() || 'dag.py', source, 'text/x-python;charset=utf-8');
}
