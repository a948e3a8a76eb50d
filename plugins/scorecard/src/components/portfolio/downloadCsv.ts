/** Hands the shown portfolio to the browser as a CSV file. */
export function downloadCsv(text: string, fileName: string) {
  // the byte order mark makes spreadsheets read the file as UTF-8
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
