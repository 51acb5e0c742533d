import json
import threading
import unittest
import urllib.error
import urllib.request

from service.app import SERVICE_NAME, Readiness, create_server


class AppTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.readiness = Readiness()
        cls.server = create_server(0, cls.readiness, host="127.0.0.1")
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.shutdown()
        cls.server.server_close()

    def get(self, path: str) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.base + path) as res:
                return res.status, json.load(res)
        except urllib.error.HTTPError as err:
            return err.code, json.load(err)

    def test_healthz(self) -> None:
        self.assertEqual(self.get("/healthz"), (200, {"status": "ok"}))

    def test_readyz_follows_readiness(self) -> None:
        self.assertEqual(self.get("/readyz")[0], 200)
        self.readiness.ready = False
        try:
            self.assertEqual(self.get("/readyz")[0], 503)
        finally:
            self.readiness.ready = True

    def test_root_and_not_found(self) -> None:
        self.assertEqual(self.get("/"), (200, {"service": SERVICE_NAME}))
        self.assertEqual(self.get("/nope")[0], 404)


if __name__ == "__main__":
    unittest.main()
