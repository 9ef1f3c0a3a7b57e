"""Hub pages: the county home, township (实践所) and station (实践站) pages, feeds."""
