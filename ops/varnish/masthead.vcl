vcl 4.1;
# Varnish in front of Masthead, purged by surrogate key (Debian: varnish and varnish-modules).
# Masthead tags every cacheable response with Surrogate-Key (the page cache's own tags, such as
# "article:42 section:7 home:en"); its purge dispatcher (cdn.purge-url = http://this-varnish/,
# cdn.purge-style = xkey) sends "PURGE /" with an xkey header naming the tags a change touched.
# Set the backend to your node (or to the load balancer in front of your nodes) and the purgers
# ACL to the addresses your nodes purge from.
import xkey;

backend masthead {
  .host = "127.0.0.1";
  .port = "8080";
}

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey) {
      return (synth(400, "PURGE needs an xkey header"));
    }
    set req.http.n-gone = xkey.purge(req.http.xkey);
    return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
  }
  # The newsroom and the Admin API are never cached; a reader with the favorites cookie is served
  # by Masthead itself (its pages are private), as Varnish's built-in rules do for any cookie.
  if (req.url ~ "^/newsroom(/|$)" || req.url ~ "^/api/v1/admin(/|$)") {
    return (pass);
  }
}

sub vcl_backend_response {
  # xkey reads its keys from the xkey header: take Masthead's Surrogate-Key.
  if (beresp.http.Surrogate-Key) {
    set beresp.http.xkey = beresp.http.Surrogate-Key;
  }
}

sub vcl_deliver {
  unset resp.http.xkey;
  if (obj.hits > 0) {
    set resp.http.X-Cache = "hit";
  } else {
    set resp.http.X-Cache = "miss";
  }
}
