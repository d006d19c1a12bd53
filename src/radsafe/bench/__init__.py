"""`python -m radsafe bench`: how fast the key pages and endpoints are at a given scale, and how
far each is from the floor set by its own main query. It measures; the tests never assert timings
(design.md, "bench/ is not a test")."""
