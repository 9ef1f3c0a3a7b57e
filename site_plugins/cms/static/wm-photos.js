/* 表单投稿: photos from phones are made small and anonymous before Decap uploads them.
 *
 * A 12-megapixel phone photo is 4–8 MB and carries the place it was taken (GPS) in its
 * EXIF. Before Decap's media library sees a chosen file, this script (listening first,
 * in the capture phase) decodes it, scales it to at most max_side pixels on the long side
 * and re-encodes it as JPEG through a canvas: a canvas keeps pixels only, so EXIF and GPS
 * are gone, and the photo is turned upright first (browsers apply the EXIF orientation
 * when decoding). Then it hands the new file to Decap in the same input. What cannot be
 * read (HEIC from iPhones outside Safari, a broken file) or stays over the validator's
 * size limit is refused with the validator's message and advice (the page's #wm-cms-data,
 * from site_plugins/cms/checks.py), in Chinese. Limits come from the same page data.
 *
 * Exposed as window.wmPhotos for tests: prepare(file), and handed, the files given to
 * Decap in this page (Decap's test backend keeps only an entry's last upload).
 */
(function () {
  "use strict";

  var HEIC = /\.(heic|heif)$/i;
  var RAW = /\.(dng|cr2|nef|arw)$/i;

  function pageData() {
    var element = document.getElementById("wm-cms-data");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function said(code, name) {
    var message = (pageData().messages || {})[code] || { problem: code, fix: "" };
    return "“" + name + "”" + message.problem + "。" + message.fix;
  }

  function decode(file) {
    if (window.createImageBitmap) {
      return window.createImageBitmap(file, { imageOrientation: "from-image" });
    }
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () { URL.revokeObjectURL(url); resolve(image); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      image.src = url;
    });
  }

  function jpegName(name) {
    var stem = name.replace(/\.[^.]*$/, "") || "照片";
    return stem + ".jpg";
  }

  // {file} ready to upload, or {error} to tell the clerk.
  function prepare(file) {
    var limits = pageData().photo || { max_side: 2560, max_bytes: 20 * 1024 * 1024, quality: 0.85 };
    if (HEIC.test(file.name) || /hei[cf]/i.test(file.type) || RAW.test(file.name)) {
      return Promise.resolve({ error: said("PHOTO_BROKEN", file.name) });
    }
    return decode(file).then(function (image) {
      var width = image.width;
      var height = image.height;
      var scale = Math.min(1, limits.max_side / Math.max(width, height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";  // a transparent PNG gets a white, not black, background
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob) {
            resolve({ error: said("PHOTO_BROKEN", file.name) });
          } else if (blob.size > limits.max_bytes) {
            resolve({ error: said("FILE_TOO_LARGE", file.name) });
          } else {
            resolve({
              file: new File([blob], jpegName(file.name), { type: "image/jpeg", lastModified: 0 }),
              width: canvas.width,
              height: canvas.height,
            });
          }
        }, "image/jpeg", limits.quality);
      });
    }, function () {
      return { error: said("PHOTO_BROKEN", file.name) };
    });
  }

  var handing = false;
  var handed = [];

  function onChange(event) {
    var input = event.target;
    if (handing || !input || input.tagName !== "INPUT" || input.type !== "file") return;
    if (!input.files || !input.files.length) return;
    var chosen = Array.prototype.slice.call(input.files);
    event.stopImmediatePropagation();
    Promise.all(chosen.map(prepare)).then(function (results) {
      var errors = results.filter(function (r) { return r.error; });
      var ready = results.filter(function (r) { return r.file; });
      if (errors.length) {
        window.alert(errors.map(function (r) { return r.error; }).join("\n\n"));
      }
      if (!ready.length) {
        input.value = "";
        return;
      }
      var transfer = new DataTransfer();
      ready.forEach(function (r) {
        transfer.items.add(r.file);
        handed.push(r.file);
      });
      input.files = transfer.files;
      handing = true;
      try {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      } finally {
        handing = false;
      }
    });
  }

  document.addEventListener("change", onChange, true);
  window.wmPhotos = { prepare: prepare, handed: handed };
})();
