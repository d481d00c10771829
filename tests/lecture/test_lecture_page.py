"""The lecture page in a real headless browser (Debian's Chromium, installed by scripts/setup.sh):
the page loads, the video has the lecture's duration, the chapter list has one entry per scene,
the subtitles load as a text track, and clicking a chapter seeks the video to its start.

The page under test is the lecture's own page with a probe script appended (a copy beside it, so
the relative paths hold); Chromium runs it headless and prints the DOM, in which the probe left
what it measured."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from tiny_chapter import TITLES, lecture_files

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

PROBE = """<script>
window.addEventListener('load', async () => {
  const out = {};
  try {
    const video = document.getElementById('lecture');
    if (video.readyState < 1) await new Promise((ok, fail) => {
      video.addEventListener('loadedmetadata', ok);
      video.addEventListener('error', () => fail(new Error('video error ' + (video.error && video.error.code))));
    });
    out.duration = video.duration;
    const buttons = [...document.querySelectorAll('#chapters button')];
    out.chapters = buttons.map(b => b.textContent);
    const track = video.textTracks[0];
    track.mode = 'hidden';
    const element = document.querySelector('track');
    if (element.readyState !== 2) await new Promise(ok => element.addEventListener('load', ok));
    out.cues = [...track.cues].map(c => [c.startTime, c.text]);
    const target = buttons[CHAPTER];
    const seeked = new Promise(ok => video.addEventListener('seeked', ok, {once: true}));
    target.click();
    await seeked;
    video.pause();
    out.seekedTo = video.currentTime;
    out.chapterStart = parseFloat(target.dataset.start);
  } catch (e) { out.error = String(e); }
  document.body.setAttribute('data-probe', JSON.stringify(out));
});
</script>"""


def browser() -> str:
    for name in BROWSERS:
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("NO BROWSER: the lecture page is not tested. Install Chromium (scripts/setup.sh does, "
                "through apt-get) to run this test.")


def probe(page, chapter: int) -> dict:
    copy = page.with_name("probe-" + page.name)
    copy.write_text(page.read_text().replace("</body>", PROBE.replace("CHAPTER", str(chapter)) + "</body>"))
    # Chromium dumps the page when its virtual time runs out, and the video loads in real time: on a busy
    # machine the dump can come before the probe has finished, so it gets three tries
    for _ in range(3):
        done = subprocess.run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--mute-audio",
                               "--autoplay-policy=no-user-gesture-required", "--virtual-time-budget=20000",
                               "--dump-dom", copy.as_uri()], capture_output=True, text=True, timeout=120)
        found = re.search(r'data-probe="([^"]*)"', done.stdout)
        if found:
            break
    assert found, f"the probe did not run (exit {done.returncode}): {done.stderr[-1500:]}"
    return json.loads(html.unescape(found.group(1)))


def test_the_page_plays_the_lecture_with_chapters_and_subtitles(tiny):
    from lecture.join import read_chapters, video_seconds

    assert tiny() == 0
    files = lecture_files(tiny)
    marks = read_chapters(files[".mp4"])
    seen = probe(files[".html"], chapter=1)
    assert "error" not in seen, seen["error"]
    assert seen["duration"] == pytest.approx(video_seconds(files[".mp4"]), abs=0.05)
    assert len(seen["chapters"]) == len(TITLES)
    assert all(shown.endswith(t) for shown, t in zip(seen["chapters"], TITLES))  # "0:01A circle": time, title
    assert seen["chapterStart"] == pytest.approx(marks[1].start, abs=0.002)
    assert seen["seekedTo"] == pytest.approx(marks[1].start, abs=0.1)  # the click moved the video there
    assert [text for _, text in seen["cues"]][0] == "A square is drawn." and len(seen["cues"]) == 4
    assert seen["cues"][2][0] == pytest.approx(marks[1].start, abs=0.01)
