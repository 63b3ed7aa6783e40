package http

// PageSize is the queue's page size, for the tests of package http_test.
const PageSize = pageSize
