// The batch generator arrives with the ingestion issue.
print("not yet")
