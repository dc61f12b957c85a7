-- wrk script: GET with the session cookie (COOKIE in the environment).
function request()
  return wrk.format("GET", nil, { ["Cookie"] = os.getenv("COOKIE") })
end
