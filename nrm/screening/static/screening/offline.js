/* NRM field screening offline: screen and record a potential victim with no network.
   Answers are encrypted in the browser (AES-GCM, a non-extractable key that lives only as
   long as this browser session), queued in IndexedDB and sent when the network returns.
   Each submission carries a key made here once: a retry never stores it twice. A case that
   changed on the server meanwhile is reported, never overwritten. */
(function () {
  "use strict";
  const CACHE = "nrm-field-v1";
  const BUNDLE = "/api/v1/screenings/offline-bundle";
  const SUBMIT = "/api/v1/screenings/submit";
  const SESSION = "nrm-field-session";
  const app = document.getElementById("offline-app");
  if (!app) return;
  const T = JSON.parse(document.getElementById("offline-texts").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const status = document.getElementById("offline-status");
  const queueList = document.getElementById("offline-queue");
  let bundle = null;
  let syncing = false;

  function say(text) {
    status.textContent = text;
  }

  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, (m, name) => String(values[name]));
  }

  // IndexedDB -------------------------------------------------------------------------------
  function database() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("nrm-field", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("keys");
        request.result.createObjectStore("queue", { keyPath: "key" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function store(name, mode, work) {
    return database().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(name, mode);
          const request = work(transaction.objectStore(name));
          transaction.oncomplete = () => resolve(request ? request.result : undefined);
          transaction.onerror = () => reject(transaction.error);
        })
    );
  }

  // The session key ---------------------------------------------------------------------------
  async function sessionKey() {
    const tag = sessionStorage.getItem(SESSION);
    const kept = await store("keys", "readonly", (s) => s.get("session"));
    if (tag && kept && kept.tag === tag) return kept.key;
    // A new session: the old key ends with the old one, and what it encrypted can no longer
    // be read: it is removed (and counted) rather than kept unreadable.
    const lost = await store("queue", "readonly", (s) => s.count());
    await store("queue", "readwrite", (s) => s.clear());
    const fresh = crypto.randomUUID();
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]);
    await store("keys", "readwrite", (s) => s.put({ tag: fresh, key: key }, "session"));
    sessionStorage.setItem(SESSION, fresh);
    if (lost) say(fmt(T.lost, { count: lost }));
    return key;
  }

  async function seal(value) {
    const key = await sessionKey();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new TextEncoder().encode(JSON.stringify(value));
    const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, key, data);
    return { iv: iv, data: sealed };
  }

  async function unseal(item) {
    const key = await sessionKey();
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: item.iv }, key, item.data);
    return JSON.parse(new TextDecoder().decode(plain));
  }

  // The questions -------------------------------------------------------------------------------
  async function loadBundle() {
    try {
      const response = await fetch(BUNDLE, { credentials: "same-origin" });
      if (response.ok) {
        bundle = await response.json();
        // Keep this page and its assets for use without a network.
        const assets = performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((url) => new URL(url).pathname.startsWith("/static/"));
        const cache = await caches.open(CACHE);
        await cache.addAll([location.pathname, ...assets]);
        await cache.put(BUNDLE, new Response(JSON.stringify(bundle)));
        app.dataset.ready = "true";
        return;
      }
    } catch (error) {
      /* no network: the cached copy below */
    }
    const cached = await caches.match(BUNDLE);
    if (cached) {
      bundle = await cached.json();
      app.dataset.ready = "true";
    } else {
      say(T.no_bundle);
    }
  }

  function option(value, label) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  function renderPlans() {
    const select = document.getElementById("offline-plan");
    select.replaceChildren(option("", T.choose));
    bundle.plans.forEach((plan, index) =>
      select.append(option(String(index), plan.context_label + ", " + plan.age_label))
    );
    const cases = document.getElementById("offline-case");
    cases.replaceChildren(option("", T.new_case));
    bundle.cases.forEach((c) => cases.append(option(c.code + "|" + c.version, c.code)));
  }

  function renderQuestions() {
    const holder = document.getElementById("offline-questions");
    holder.replaceChildren();
    const index = document.getElementById("offline-plan").value;
    if (index === "") return;
    bundle.plans[Number(index)].questions.forEach((question) => {
      const set = document.createElement("fieldset");
      set.className = "question";
      const legend = document.createElement("legend");
      legend.textContent = question.question;
      set.append(legend);
      const choices = document.createElement("div");
      choices.className = "answer-choices";
      [
        ["yes", T.yes],
        ["no", T.no],
        ["unknown", T.unknown],
      ].forEach(([value, label]) => {
        const wrap = document.createElement("label");
        wrap.className = "answer answer--" + value;
        const input = document.createElement("input");
        input.type = "radio";
        input.name = "q_" + question.id;
        input.value = value;
        input.checked = value === "unknown";
        const text = document.createElement("span");
        text.textContent = label;
        wrap.append(input, " ", text);
        choices.append(wrap);
      });
      set.append(choices);
      holder.append(set);
    });
  }

  // The queue ---------------------------------------------------------------------------------
  async function renderQueue() {
    const items = await store("queue", "readonly", (s) => s.getAll());
    queueList.replaceChildren();
    items.forEach((item) => {
      const row = document.createElement("li");
      row.className = "queue-item queue-item--" + item.status;
      row.dataset.key = item.key;
      const text = document.createElement("span");
      const state = { queued: T.waiting, conflict: T.conflict, error: T.error }[item.status];
      text.textContent = item.label + ": " + state + (item.message ? " " + item.message : "");
      row.append(text);
      if (item.status !== "queued") {
        const discard = document.createElement("button");
        discard.type = "button";
        discard.className = "button button--secondary";
        discard.textContent = T.discard;
        discard.addEventListener("click", async () => {
          await store("queue", "readwrite", (s) => s.delete(item.key));
          renderQueue();
        });
        row.append(" ", discard);
      }
      queueList.append(row);
    });
    document.getElementById("offline-count").textContent = fmt(T.count, {
      count: items.filter((i) => i.status === "queued").length,
    });
  }

  async function keep(event) {
    event.preventDefault();
    const form = event.target;
    const index = document.getElementById("offline-plan").value;
    if (index === "") {
      say(T.choose_first);
      return;
    }
    const plan = bundle.plans[Number(index)];
    const answers = {};
    plan.questions.forEach((q) => {
      const checked = form.querySelector('input[name="q_' + q.id + '"]:checked');
      answers[q.id] = checked ? checked.value : "unknown";
    });
    const payload = {
      key: crypto.randomUUID(),
      screening: {
        instrument: plan.instrument,
        set: plan.set,
        also_sets: plan.also_sets,
        answers: answers,
        context: plan.context,
        age_group: plan.age_group,
        screened_on: form.elements.screened_on.value || null,
      },
    };
    if (form.elements.record.checked) {
      const age = form.elements.age.value;
      payload.record = { sex: form.elements.sex.value, age: age === "" ? null : Number(age) };
      const chosen = form.elements.case.value;
      if (chosen) {
        const [code, version] = chosen.split("|");
        payload.case = code;
        payload.case_version = Number(version);
      }
    }
    const sealed = await seal(payload);
    const label = plan.context_label + ", " + (payload.screening.screened_on || "");
    await store("queue", "readwrite", (s) =>
      s.put({ key: payload.key, iv: sealed.iv, data: sealed.data, status: "queued", label: label })
    );
    form.reset();
    renderQuestions();
    say(T.kept);
    await renderQueue();
    sync();
  }

  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      const items = await store("queue", "readonly", (s) => s.getAll());
      for (const item of items) {
        if (item.status !== "queued") continue;
        const payload = await unseal(item);
        let response;
        try {
          response = await fetch(SUBMIT, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
            body: JSON.stringify(payload),
          });
        } catch (error) {
          break; // no network yet: the item stays queued and is sent later with the same key
        }
        const body = await response.json().catch(() => ({}));
        if (response.status === 200 || response.status === 201) {
          await store("queue", "readwrite", (s) => s.delete(item.key));
          say(fmt(T.sent, { reference: body.reference, case: body.case || "—" }));
        } else {
          item.status = response.status === 409 ? "conflict" : "error";
          item.message = (body.error && body.error.message) || "";
          await store("queue", "readwrite", (s) => s.put(item));
        }
      }
    } finally {
      syncing = false;
      await renderQueue();
      app.dataset.rounds = String(Number(app.dataset.rounds || 0) + 1);
    }
  }

  async function start() {
    if ("serviceWorker" in navigator) {
      try {
        await navigator.serviceWorker.register(app.dataset.worker, { scope: "/screening/" });
        await navigator.serviceWorker.ready;
        const controlled = () => {
          app.dataset.controlled = String(navigator.serviceWorker.controller !== null);
        };
        navigator.serviceWorker.addEventListener("controllerchange", controlled);
        controlled();
      } catch (error) {
        /* the page still works online */
      }
    }
    await sessionKey();
    await loadBundle();
    if (bundle) renderPlans();
    document.getElementById("offline-plan").addEventListener("change", renderQuestions);
    document.getElementById("offline-form").addEventListener("submit", keep);
    document.getElementById("offline-sync").addEventListener("click", sync);
    window.addEventListener("online", sync);
    await renderQueue();
    sync();
  }

  start();
})();
