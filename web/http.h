/*
 * http.h - the HTTP server (libmicrohttpd behind our own types).
 *
 * The server reads each request whole (body capped at WEB_BODY_MAX, query at
 * WEB_QUERY_MAX parameters), hands a struct web_request to one handler and
 * sends the struct web_response it fills.  Handlers run on the server's
 * threads, several at once.  Every error response goes through
 * web_error(), which writes {"error": {"code": ..., "message": ...}}.
 */
#ifndef WEB_HTTP_H
#define WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WEB_BODY_MAX	(1024 * 1024)
#define WEB_QUERY_MAX	32
#define WEB_MAX_ARGS	4

struct web_param {
	const char	*key;
	const char	*value;
};

struct web_request {
	const char		*method;
	const char		*path;
	const struct web_param	*query;		/* in the order given */
	size_t			 nquery;
	const char		*body;		/* NUL-terminated */
	size_t			 body_len;
	const char		*address;	/* the client's IP address */
	const char		*args[WEB_MAX_ARGS]; /* path parts matched by '*' */
	void			*conn;		/* for web_request_header() */
};

struct web_response {
	int		 status;
	char		*body;		/* owned; freed after sending */
	size_t		 len;
	const char	*content_type;	/* static */
	char		 etag[48];
	char		 last_modified[40];
	const char	*cache_control;	/* static, or NULL */
	char		 allow[64];	/* for 405: "GET, HEAD" */
	char		*set_cookie;	/* owned, or NULL */
	const char	*csp;		/* Content-Security-Policy, static */
	/* Instead of body: bytes shared with a cache, released once sent. */
	const char	*shared;
	void		(*shared_release)(void *);
	void		*shared_arg;
};

typedef void	web_handler_fn(void *arg, const struct web_request *,
		    struct web_response *);

struct web_server;

/*
 * Listens on "ADDR:PORT" ("127.0.0.1:8080", "[::1]:8080") with a pool of
 * threads.  Returns NULL (logged) if the address is bad or taken.
 */
struct web_server *web_server_start(const char *listen, int threads,
	    web_handler_fn *, void *arg);
/* Stops accepting, finishes the requests in flight, frees the server. */
void	web_server_stop(struct web_server *);

/* A header of the request, or NULL. */
const char *web_request_header(const struct web_request *, const char *name);
/* A query parameter's value, or NULL. */
const char *web_request_query(const struct web_request *, const char *key);

/* Sets the response; takes ownership of body. */
void	web_respond(struct web_response *, int status, const char *type,
	    char *body, size_t len);
/*
 * The one way to answer an error: status and a JSON body
 * {"error": {"code": code, "message": ..., "field": field}}; field names the
 * offending parameter or member and may be NULL.
 */
void	web_error(struct web_response *, int status, const char *code,
	    const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* The same with more members (a JSON object text, may be NULL). */
void	web_error_extra(struct web_response *, int status, const char *code,
	    const char *field, const char *extra, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Formats an instant as an HTTP date (RFC 9110 IMF-fixdate). */
void	web_http_date(int64_t at, char out[40]);
/* A shared_release for bytes that live as long as the server (no-op). */
void	web_static_release(void *);

#endif
