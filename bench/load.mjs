// One page under load, for bench/run.py: loadtest (package.json) with a fixed number of concurrent clients for a
// fixed time (or number of requests), a new connection for each request, as gunicorn's sync workers close every
// connection after its response. Prints one JSON object: loadtest's result and the count of each status code.
//
//   node bench/load.mjs URL CONCURRENCY SECONDS REQUESTS HEADERS_JSON   (SECONDS or REQUESTS 0: not a limit)
import {loadTest} from 'loadtest'

const [url, concurrency, seconds, requests, headers] = process.argv.slice(2)
const statuses = {}
const result = await loadTest({
	url,
	concurrency: Number(concurrency),
	maxSeconds: Number(seconds) || undefined,
	maxRequests: Number(requests) || undefined,
	headers: JSON.parse(headers),
	quiet: true,
	statusCallback(error, response) {
		const status = response?.statusCode ?? 'error'
		statuses[status] = (statuses[status] || 0) + 1
	},
})
console.log(JSON.stringify({...result, statuses}))
