/* 表单投稿: starts Decap CMS for one station and adds our save checks (/admin/edit/).
 *
 * Loaded before decap-cms.js: it sets CMS_MANUAL_INIT so that Decap waits, then, once
 * the page is parsed,
 * 1. picks the station: ?station=<township>/<station> (the station pages forward here
 *    with it), else the one this browser used last. Remembering it lets the login come
 *    back to the bare /admin/edit/ address, the only one the code host's OAuth
 *    application has to list. It points Decap at that station's config.yml and starts it.
 * 2. Before an entry is saved, drops empty optional values. A field a clerk typed in
 *    and cleared is "" to Decap, and Decap would write `location: ""`; the validator
 *    reads that as an empty text (EMPTY), while a left-out key is simply "not given".
 * 3. Refuses the save, with the same wording as the PR check (site_plugins/content/
 *    loader.py), for the validator's rules that span two fields, which Decap's per-field
 *    checks cannot say: category or team, end date after start date, guardian consent
 *    under 14, no gender or birth year for a collective. Also the required fields of
 *    optional groups (a 点单信息 needs its 点单人或群体): Decap would demand them even when
 *    the group is left empty, so the page lists them (#wm-cms-data) and they are checked
 *    here.
 * 4. Words two Chinese messages without Decap's "不满足模式" and "Error:".
 *
 * The rules are exposed as window.wmCms so that tests can call them directly.
 */
(function () {
  "use strict";

  var REMEMBER = "wm-cms-station";
  window.CMS_MANUAL_INIT = true;

  function isBlank(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return value.trim() === "";
    if (value && typeof value.toJS === "function") return value.size === 0;
    return false;
  }

  // Immutable Map/List in, the same kind out, without blank values at any depth.
  function prune(value) {
    if (!value || typeof value.toJS !== "function") return value;
    return value.map(prune).filter(function (item) { return !isBlank(item); });
  }

  function pageData() {
    var element = document.getElementById("wm-cms-data");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function at(data, path) {
    var value = data;
    for (var i = 0; i < path.length && value; i++) value = value[path[i]];
    return value;
  }

  function requiredWithin(groups, data) {
    var found = [];
    (groups || []).forEach(function (rule) {
      var group = at(data, rule.path);
      if (!group || typeof group !== "object" || !Object.keys(group).length) return;
      rule.fields.forEach(function (field) {
        if (isBlank(group[field[0]])) {
          found.push("“" + rule.label + "”填了内容，就要填写“" + field[1] + "”");
        }
      });
    });
    return found;
  }

  // The rules over the plain entry data; each problem is one Chinese sentence.
  function problems(collection, data, rules) {
    var mine = (rules || pageData().rules || {})[collection] || {};
    var found = requiredWithin(mine.groups, data);
    if (collection === "activities" || collection === "plans") {
      if (isBlank(data.category) && isBlank(data.team)) {
        found.push("请选择“服务类别”或“志愿服务队”（至少选一项）");
      }
      if (!isBlank(data.end_date) && !isBlank(data.date) && String(data.end_date) < String(data.date)) {
        found.push("结束日期 " + data.end_date + " 早于活动日期 " + data.date);
      }
    }
    if (collection === "honorees") {
      var kind = isBlank(data.kind) ? "个人" : data.kind;
      if (kind === "集体" && (!isBlank(data.gender) || !isBlank(data.birth_year))) {
        found.push("集体不填写性别和出生年份");
      }
      var consent = data.consent || {};
      // Only the birth year is known, so anyone who may still be 13 counts as under 14.
      if (kind === "个人" && !isBlank(data.birth_year) && !isBlank(consent.date) &&
          Number(String(consent.date).slice(0, 4)) - Number(data.birth_year) <= 14 &&
          consent.by !== "监护人") {
        found.push(data.name + "同意公开时可能未满 14 周岁，须由监护人同意（“由谁同意”选“监护人”）");
      }
    }
    return found;
  }

  function refusal(found) {
    var error = new Error(found.join("；"));
    // Decap shows the error inside its own sentence: the message alone reads best.
    error.toString = function () { return this.message; };
    return error;
  }

  function beforeSave(event) {
    var entry = event.entry;
    var data = prune(entry.get("data"));
    var found = problems(entry.get("collection"), data.toJS());
    if (found.length) throw refusal(found);
    return data;
  }

  function remembered() {
    try {
      return window.localStorage.getItem(REMEMBER);
    } catch (error) {
      return null;  // storage refused (private mode): the address must name the station
    }
  }

  function chooseStation(stations) {
    var asked = new URLSearchParams(window.location.search).get("station");
    var key = asked && stations[asked] ? asked : remembered();
    if (!key || !stations[key]) return null;
    try {
      window.localStorage.setItem(REMEMBER, key);
    } catch (error) { /* the address keeps naming it */ }
    return key;
  }

  function noStation() {
    var note = document.createElement("p");
    note.style.cssText = "font:18px/1.7 sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem";
    note.innerHTML = '没有选定实践站。请回到<a href="../">表单投稿首页</a>，点选本站后再填写。';
    document.body.appendChild(note);
  }

  function start() {
    var CMS = window.CMS;
    var stations = pageData().stations || {};
    var key = chooseStation(stations);
    if (!CMS) return;
    if (!key) {
      noStation();
      return;
    }
    document.title = "表单投稿 · " + stations[key];
    CMS.registerEventListener({ name: "preSave", handler: beforeSave });
    var zh = CMS.getLocale && CMS.getLocale("zh_Hans");
    if (zh && zh.editor && zh.ui) {
      zh.editor.editorControlPane.widget.regexPattern = "“%{fieldLabel}”%{pattern}";
      zh.ui.toast.onFailToPersist = "未能保存：%{details}";
    }
    // Decap reads its configuration from this link (a relative address, so the site may
    // live under a sub-path); the file is generated per station by the cms plugin.
    var link = document.createElement("link");
    link.rel = "cms-config-url";
    link.type = "text/yaml";
    link.href = "../" + key + "/config.yml";
    document.head.appendChild(link);
    CMS.init();
  }

  window.wmCms = { prune: prune, problems: problems, isBlank: isBlank, chooseStation: chooseStation };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
