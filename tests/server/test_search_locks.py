"""A search page's hits come from many files: each carries its own file's lock."""

from __future__ import annotations

from .conftest import Server
from .test_search import file_text, indexed, search


def test_each_hit_shows_the_lock_of_its_own_file(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    files = [admin.new_file() for _ in range(3)]
    for n, file in enumerate(files):
        file_text(admin, file["id"], doc_type="note", title=f"Pump note {n}", registers=[],
                  index={"date": "2026-03-01"}, text="The pump rattles.")
    response = admin.post(f"/files/{files[1]['id']}/checkout",
                          json={"device_id": "laptop", "mode": "exclusive"})
    assert response.status_code == 201, response.text
    indexed(admin, 3)

    hits = {hit["document"]["title"]: hit["document"]["lock"]
            for hit in search(admin, "pump")["items"]}
    assert hits.keys() == {"Pump note 0", "Pump note 1", "Pump note 2"}
    assert hits["Pump note 1"] is not None and hits["Pump note 1"]["locked_by"] == "admin"
    assert hits["Pump note 0"] is None and hits["Pump note 2"] is None
